"""Document storage on S3: presigned POST uploads scoped to one object, and reads of one exact version.

The bucket is versioned: a second POST to a key adds a version beside the first. Reads, heads and evidence
links therefore name the version a document record pinned; a delete with a version removes that version only.
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.ports import PresignedPost, StoredObject, UploadedPart


class S3DocumentStore:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = client("s3")

    def presign_post(self, key: str, content_type: str, max_bytes: int, expires_in: int) -> PresignedPost:
        # The policy pins the exact key, the content type and the size range: the URL can write one object only.
        post = self._s3.generate_presigned_post(
            Bucket=self._bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[
                {"Content-Type": content_type},
                ["content-length-range", 1, max_bytes],
            ],
            ExpiresIn=expires_in,
        )
        return PresignedPost(url=post["url"], fields=post["fields"], expires_in=expires_in)

    def _object(self, key: str, version_id: str | None) -> dict[str, str]:
        return {"Bucket": self._bucket, "Key": key} | ({"VersionId": version_id} if version_id else {})

    def head(self, key: str, version_id: str | None = None) -> StoredObject | None:
        try:
            response = self._s3.head_object(**self._object(key, version_id))
        except ClientError as exc:
            # A deleted version answers 400/405 rather than 404 on some paths: it does not exist either way.
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound", "NoSuchVersion"}:
                return None
            raise
        version = response.get("VersionId")
        return StoredObject(
            size=int(response["ContentLength"]),
            content_type=response.get("ContentType"),
            version_id=version if version and version != "null" else None,
        )

    def read(self, key: str, version_id: str | None = None) -> bytes:
        body: bytes = self._s3.get_object(**self._object(key, version_id))["Body"].read()
        return body

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=data, ContentType=content_type)

    def delete(self, key: str, version_id: str | None = None) -> None:
        self._s3.delete_object(**self._object(key, version_id))

    def delete_prefix(self, prefix: str) -> int:
        """Delete every object (every version) under a prefix; returns how many versions were deleted."""
        deleted = 0
        paginator = self._s3.get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=self._bucket, Prefix=prefix):
            versions = [
                {"Key": v["Key"], "VersionId": v["VersionId"]}
                for v in page.get("Versions", []) + page.get("DeleteMarkers", [])
            ]
            for start in range(0, len(versions), 1000):
                self._s3.delete_objects(
                    Bucket=self._bucket, Delete={"Objects": versions[start : start + 1000]}
                )
                deleted += len(versions[start : start + 1000])
        return deleted

    def presign_get(self, key: str, expires_in: int, version_id: str | None = None) -> str:
        url: str = self._s3.generate_presigned_url(
            "get_object", Params=self._object(key, version_id), ExpiresIn=expires_in
        )
        return url

    # --- multipart uploads (ports.MultipartStore): the browser PUTs parts to presigned UploadPart URLs --------
    def create_multipart(self, key: str, content_type: str) -> str:
        response = self._s3.create_multipart_upload(Bucket=self._bucket, Key=key, ContentType=content_type)
        multipart_id: str = response["UploadId"]
        return multipart_id

    def presign_part(
        self, key: str, multipart_id: str, part_number: int, content_length: int, expires_in: int
    ) -> str:
        # Each URL writes one part of this one upload of this one key; completion is the server's, after checks.
        # The length is a signed header (X-Amz-SignedHeaders=content-length;host): S3 itself refuses a PUT of any
        # other size, so a URL cannot store a 5 GB part past the document's limit (S3's own cap per part).
        url: str = self._s3.generate_presigned_url(
            "upload_part",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "UploadId": multipart_id,
                "PartNumber": part_number,
                "ContentLength": content_length,
            },
            ExpiresIn=expires_in,
        )
        return url

    def list_parts(self, key: str, multipart_id: str) -> list[UploadedPart] | None:
        if multipart_id not in self.open_multiparts(key):
            return None  # S3 binds an upload id to its key; moto does not: asked of the key, both agree
        parts: list[UploadedPart] = []
        try:
            for page in self._s3.get_paginator("list_parts").paginate(
                Bucket=self._bucket, Key=key, UploadId=multipart_id
            ):
                parts += [
                    UploadedPart(number=int(p["PartNumber"]), size=int(p["Size"]), etag=str(p["ETag"]))
                    for p in page.get("Parts", [])
                ]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"NoSuchUpload", "404", "NoSuchKey"}:
                return None
            raise
        return parts

    def complete_multipart(self, key: str, multipart_id: str, parts: list[UploadedPart]) -> None:
        self._s3.complete_multipart_upload(
            Bucket=self._bucket,
            Key=key,
            UploadId=multipart_id,
            MultipartUpload={"Parts": [{"PartNumber": p.number, "ETag": p.etag} for p in parts]},
        )

    def abort_multipart(self, key: str, multipart_id: str) -> None:
        try:
            self._s3.abort_multipart_upload(Bucket=self._bucket, Key=key, UploadId=multipart_id)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in {"NoSuchUpload", "404"}:
                raise

    def open_multiparts(self, key: str) -> list[str]:
        response = self._s3.list_multipart_uploads(Bucket=self._bucket, Prefix=key)
        return [u["UploadId"] for u in response.get("Uploads", []) if u["Key"] == key]
