"""The population registry on DynamoDB: one item per person, keyed by NIK, with two indexes.

  PK=NIK#<nik>                      the person
  GSI ByFamily:    KK#<kk number>   the members of a KK
  GSI ByBirthDate: BORN#<date>      the blocking key of the demographic duplicate check (~8,000 people a day
                                    of birth at 280 million residents: one or two pages per check)
In production this is a read replica of SIAK kept by Dukcapil's feed, or replaced by a SIAK adapter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ektp.adapters.aws import client
from ektp.adapters.dynamodb import _from_item, _to_item
from ektp.domain.registry import BirthDateCandidate, RegistryPerson

FAMILY_INDEX = "ByFamily"
BIRTH_DATE_INDEX = "ByBirthDate"


def registry_item(person: RegistryPerson) -> dict[str, Any]:
    return _to_item(
        person.model_dump(mode="json")
        | {
            "PK": f"NIK#{person.nik}",
            "FAMILY": f"KK#{person.kk_number}",
            "BORN": f"BORN#{person.birth_date.isoformat()}",
        }
    )


class DynamoPopulationRegistry:
    def __init__(self, table_name: str) -> None:
        self._table = table_name
        self._db = client("dynamodb")

    def person(self, nik: str) -> RegistryPerson | None:
        item = self._db.get_item(TableName=self._table, Key=_to_item({"PK": f"NIK#{nik}"})).get("Item")
        return RegistryPerson.model_validate(_from_item(item)) if item else None

    def _query(self, index: str, attribute: str, value: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": "#k = :v",
            "ExpressionAttributeNames": {"#k": attribute},
            "ExpressionAttributeValues": _to_item({":v": value}),
        }
        while True:
            response = self._db.query(**kwargs)
            items += [_from_item(i) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def family(self, kk_number: str) -> list[RegistryPerson]:
        return [
            RegistryPerson.model_validate(i) for i in self._query(FAMILY_INDEX, "FAMILY", f"KK#{kk_number}")
        ]

    def born_on(self, birth_date: date) -> list[BirthDateCandidate]:
        items = self._query(BIRTH_DATE_INDEX, "BORN", f"BORN#{birth_date.isoformat()}")
        return [BirthDateCandidate.model_validate(i) for i in items]

    def put_many(self, people: Iterable[RegistryPerson]) -> int:
        """Load records (the seeder and the SIAK feed): batched writes, retried until nothing is left."""
        batch: list[dict[str, Any]] = []
        count = 0
        for person in people:
            batch.append({"PutRequest": {"Item": registry_item(person)}})
            if len(batch) == 25:
                count += self._write(batch)
                batch = []
        if batch:
            count += self._write(batch)
        return count

    def _write(self, batch: list[dict[str, Any]]) -> int:
        pending = {self._table: batch}
        while pending:
            response = self._db.batch_write_item(RequestItems=pending)
            pending = response.get("UnprocessedItems") or {}
        return len(batch)
