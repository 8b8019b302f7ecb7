"""The contact's sessions and security log (Profile → Sessions and security log)."""

from flask_babel import lazy_gettext as _l

from app.blueprints.portal import bp
from app.blueprints.security_pages import own_security_routes

own_security_routes(bp, layout="layouts/portal.html", profile="portal.profile",
                    profile_label=_l("Profile"))  # fmt: skip
