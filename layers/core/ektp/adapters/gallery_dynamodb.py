"""The gallery manifest in DynamoDB: one item, written only with a condition on its version, so two
approvals enrolling at once can never lose a template (the loser rebuilds on the winner's shard)."""

from __future__ import annotations

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import _from_item, _to_item
from ektp.biometrics.gallery import GalleryManifest
from ektp.ports import ConflictError

_KEY = {"PK": "GALLERY#MANIFEST"}


class DynamoManifestStore:
    def __init__(self, table_name: str, prefix: str = "gallery") -> None:
        self._table = table_name
        self._prefix = prefix
        self._db = client("dynamodb")

    def load(self) -> tuple[GalleryManifest, int]:
        item = self._db.get_item(TableName=self._table, Key=_to_item(_KEY), ConsistentRead=True).get("Item")
        if not item:
            return GalleryManifest(prefix=self._prefix), 0
        data = _from_item(item)
        return GalleryManifest.model_validate_json(data["manifest"]), int(data["version"])

    def save(self, manifest: GalleryManifest, expected_version: int) -> None:
        item = _to_item({**_KEY, "manifest": manifest.model_dump_json(), "version": expected_version + 1})
        try:
            self._db.put_item(
                TableName=self._table,
                Item=item,
                ConditionExpression="attribute_not_exists(PK) OR version = :v",
                ExpressionAttributeValues=_to_item({":v": expected_version}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise ConflictError("manifest changed") from exc
            raise
