"""Staff accounts: password hashing, roles, the `users` CLI."""
