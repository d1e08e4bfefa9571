"""Who may see and do what: accounts and sign-in, roles, viewer scopes, the audit log."""
