"""Staff accounts: sign-in, sessions, roles, the accounts tab and /account."""
