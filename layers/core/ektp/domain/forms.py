"""What a resident submits: the bodies of POST /applications and PATCH /applications/{id}.

Checked here, at the boundary, more strictly than stored records are: the email address goes through
email-validator (syntax and normalization, no DNS), which only the API function then loads.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from ektp.domain.application import Applicant, ApplicationType, Contact


class ApplicantForm(Applicant):
    """The resident's personal data as on the KK, as entered."""

    email: EmailStr | None = None


class ApplicationRequest(BaseModel):
    """Body of POST /applications."""

    model_config = ConfigDict(extra="forbid")

    application_type: ApplicationType
    applicant: ApplicantForm
    contact: Contact = Contact()
    # For a MOVE: the destination is the applicant's address above; the origin is on the SKPWNI.
    declaration_accepted: bool = Field(description="The resident declares the data is true (must be true)")


class ApplicantUpdate(BaseModel):
    """Body of PATCH /applications/{id}: corrections while the application is DRAFT or REJECTED."""

    model_config = ConfigDict(extra="forbid")

    applicant: ApplicantForm
