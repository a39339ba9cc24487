"""The pupil's answering flow: links, idempotent storage, device keys and shared-device codes."""
