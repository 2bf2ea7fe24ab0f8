"""The SQLAlchemy dialect (``saasql://``, registered by entry point): reflection of every
schema, the ORM flow on ``backlog.Issues`` proven by the API calls it makes, types,
LIMIT/OFFSET, and pandas.read_sql."""

import datetime
import decimal

import pandas
import pytest
from sqlalchemy import (Column, FetchedValue, Integer, MetaData, String, Table, inspect, select,
                        text)
from sqlalchemy.orm import Session, declarative_base

from conftest import BACKLOG

DEMO_SCHEMAS = {"backlog", "salesforce", "bitbucket", "Administrators", "pg"}


def test_every_schema_reflects(engine):
    inspector = inspect(engine)
    assert DEMO_SCHEMAS | {"saasql"} <= set(inspector.get_schema_names())
    assert inspector.default_schema_name == "backlog"
    for schema in sorted(DEMO_SCHEMAS):
        metadata = MetaData()
        metadata.reflect(engine, schema=schema)
        assert metadata.tables, schema
        for table in metadata.tables.values():
            assert table.columns, table.fullname
    issues = inspector.get_columns("Issues", schema="backlog")
    by_name = {c["name"]: c for c in issues}
    assert by_name["Id"]["autoincrement"] is True and "computed" not in by_name["Id"]
    assert "computed" in by_name["IssueKey"] and "computed" in by_name["Created"]
    assert "computed" not in by_name["Summary"] and "computed" not in by_name["ProjectId"]
    assert str(by_name["Created"]["type"]) == "TIMESTAMP"
    assert str(by_name["DueDate"]["type"]) == "DATE"
    assert inspector.get_pk_constraint("Issues", schema="backlog")["constrained_columns"] == \
        ["Id"]
    assert inspector.get_pk_constraint("Contact", schema="salesforce")["constrained_columns"] \
        == ["Id"]
    assert inspector.get_pk_constraint("Users", schema="Administrators")[
        "constrained_columns"] == ["Id"]
    assert {c["name"] for c in inspector.get_columns("account", schema="pg")} >= {
        "name", "industry", "backlog_project_id__c"}
    assert inspector.has_table("Issues", schema="backlog")
    assert not inspector.has_table("Nope", schema="backlog")


@pytest.fixture
def Issue(engine):  # noqa: N802 - a class
    Base = declarative_base()

    class Issue(Base):
        __table__ = Table("Issues", Base.metadata, schema="backlog", autoload_with=engine)

    return Issue


def test_orm_round_trip_on_issues_is_one_api_call_per_step(engine, Issue, sandboxes):
    with Session(engine, expire_on_commit=False) as session:
        issue = session.query(Issue).filter_by(Id="1").one()
        assert issue.Id == 1 and issue.IssueKey
        assert sandboxes.requests("backlog") == [f"GET {BACKLOG}/issues/1"]

        sandboxes.reset()
        new = Issue(ProjectId=1, IssueTypeId=11, PriorityId=3, Summary="Filed from the ORM")
        session.add(new)
        session.commit()
        assert sandboxes.requests("backlog") == [f"POST {BACKLOG}/issues"]
        assert isinstance(new.Id, int) and new.Id > 2650

        # What the API computed is read back when asked for: one GET by the new key.
        sandboxes.reset()
        assert new.IssueKey.startswith("SALES-") and new.StatusName == "Open"
        assert isinstance(new.Created, datetime.datetime)
        assert sandboxes.requests("backlog") == [f"GET {BACKLOG}/issues/{new.Id}"]

        sandboxes.reset()
        new.Summary = "Changed by the ORM"
        session.commit()
        assert sandboxes.requests("backlog") == [f"PATCH {BACKLOG}/issues/{new.Id}"]

        sandboxes.reset()
        session.delete(new)
        session.commit()
        assert sandboxes.requests("backlog") == [f"DELETE {BACKLOG}/issues/{new.Id}"]


def test_a_hand_written_class_without_server_defaults_works_too(engine, sandboxes):
    Base = declarative_base()

    class Issue(Base):
        __tablename__ = "Issues"
        __table_args__ = {"schema": "backlog"}
        Id = Column(Integer, primary_key=True)
        ProjectId = Column(Integer)
        IssueTypeId = Column(Integer)
        PriorityId = Column(Integer)
        Summary = Column(String)
        IssueKey = Column(String, server_default=FetchedValue())
        StatusName = Column(String)  # computed by the API, declared plainly: sent as NULL

    with Session(engine) as session:
        new = Issue(ProjectId=2, IssueTypeId=21, PriorityId=2, Summary="Plain class")
        session.add(new)
        session.flush()
        assert [r["method"] for r in sandboxes.recorded("backlog")] == ["POST"]
        new_id = new.Id
        session.commit()
        assert session.get(Issue, new_id).IssueKey.startswith("SUPPORT-")
        session.delete(session.get(Issue, new_id))
        session.commit()


def test_an_api_refusal_reaches_the_orm_user_and_rollback_does_not_hide_it(engine, Issue):
    with Session(engine) as session:
        session.add(Issue(ProjectId=1, IssueTypeId=99, PriorityId=3, Summary="Wrong type"))
        from sqlalchemy.exc import IntegrityError
        with pytest.raises(IntegrityError, match="No such issue type"):
            session.commit()
        session.rollback()


def test_types_limit_and_offset(engine, Issue):
    with engine.connect() as c:
        row = c.execute(text("SELECT CAST(1.5 AS REAL) AS r, CAST(2.5 AS DOUBLE) AS d,"
                             " CAST(12.34 AS DECIMAL(10, 2)) AS n, TRUE AS b,"
                             " DATE '2024-02-29' AS d2,"
                             " TIMESTAMP '2025-01-02 03:04:05' AS ts")).one()
        assert row == (1.5, 2.5, decimal.Decimal("12.34"), True, datetime.date(2024, 2, 29),
                       datetime.datetime(2025, 1, 2, 3, 4, 5))
        ids = c.execute(select(Issue.Id).where(Issue.ProjectId == 2).order_by(Issue.Id)) \
            .scalars().all()
        page = c.execute(select(Issue.Id).where(Issue.ProjectId == 2).order_by(Issue.Id)
                         .limit(3).offset(2)).scalars().all()
        assert page == ids[2:5]
        assert c.execute(text("SELECT Summary FROM backlog.Issues WHERE Id = :id"),
                         {"id": "13"}).scalar() == 'Fix "quoted" path C:\\temp'


def test_pandas_read_sql(engine, sandboxes):
    frame = pandas.read_sql(text("SELECT Id, StatusName, Created FROM backlog.Issues"
                                 " WHERE ProjectId = :p"), engine, params={"p": 2})
    assert len(frame) > 100
    assert list(frame.columns) == ["Id", "StatusName", "Created"]
    assert str(frame["Created"].dtype).startswith("datetime64")
    assert all("projectId[]=2" in r for r in sandboxes.requests("backlog"))
    joined = pandas.read_sql("SELECT a.name, COUNT(*) AS open_issues FROM pg.account a"
                             " JOIN backlog.Issues i ON i.ProjectId = a.backlog_project_id__c"
                             " WHERE i.StatusId = 1 GROUP BY a.name", engine)
    assert "Acme Corporation" in set(joined["name"])
