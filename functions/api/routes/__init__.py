"""The API's routes, one router per audience (resident, officer, operator, public).

Every router is an AudienceRouter: the app's one authorization middleware (functions/api/handler.py) admits a
request to its routes as ektp.domain.access.admit decides for the audience, so a new route inherits its check.
"""
