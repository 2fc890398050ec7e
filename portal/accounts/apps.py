from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from portal.accounts.roles import grant_administrators

        # Models added by later migrations get their permissions only after
        # migrate; the Administrators group is completed each time it runs.
        post_migrate.connect(grant_administrators, dispatch_uid="accounts.grant_administrators")
