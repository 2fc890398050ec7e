"""Member accounts: profiles tying users to their institution, the portal's roles, login pages."""
