"""SQLAlchemy's PostgreSQL dialect (psycopg2): reflection through inspect()."""
import sys
from sqlalchemy import MetaData, create_engine, inspect

engine = create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:{sys.argv[1]}/{sys.argv[2]}")
insp = inspect(engine)
insp.get_schema_names()
insp.get_table_names()
insp.get_view_names()
insp.get_sequence_names()
insp.get_enums()
insp.get_view_definition("cheap_books")
for t in ["authors", "books"]:
    insp.get_columns(t)
    insp.get_pk_constraint(t)
    insp.get_foreign_keys(t)
    insp.get_indexes(t)
    insp.get_unique_constraints(t)
    insp.get_check_constraints(t)
    insp.get_table_comment(t)
MetaData().reflect(bind=engine)
engine.dispose()
