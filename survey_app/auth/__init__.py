"""Staff accounts: passwords, roles, sign-in limits, sessions, reset links, the `users` CLI."""
