"""SQLAlchemy (psycopg2 dialect) against a server: create_all of a small model, reflection through
the inspector, and ORM CRUD. Prints what it sees so two servers' outputs can be compared."""
import enum
import sys
import warnings

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Session, declarative_base, relationship


class Status(enum.Enum):
    draft = "draft"
    live = "live"


# Both servers make SQLAlchemy warn that it skips reflecting the expression index book_title_lower.
warnings.simplefilter("ignore", sa.exc.SAWarning)

Base = declarative_base()


class Author(Base):
    __tablename__ = "author"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(80), nullable=False, unique=True)
    created = sa.Column(sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)
    books = relationship("Book", back_populates="author", order_by="Book.id", cascade="all, delete-orphan")


class Book(Base):
    __tablename__ = "book"
    __table_args__ = (
        sa.UniqueConstraint("author_id", "title", name="book_author_title"),
        sa.CheckConstraint("price >= 0", name="book_price_positive"),
        sa.Index("book_title_lower", sa.func.lower(sa.text("title"))),
    )
    id = sa.Column(sa.BigInteger, primary_key=True)
    author_id = sa.Column(sa.ForeignKey("author.id", ondelete="CASCADE"), nullable=False, index=True)
    title = sa.Column(sa.Text, nullable=False)
    price = sa.Column(sa.Numeric(8, 2), server_default="0")
    status = sa.Column(sa.Enum(Status, name="book_status"), nullable=False, server_default="draft")
    tags = sa.Column(ARRAY(sa.Text))
    meta = sa.Column(JSONB)
    author = relationship("Author", back_populates="books")


def show(label, value):
    print(label, value)


def main():
    url = f"postgresql+psycopg2://postgres@127.0.0.1:{sys.argv[1]}/{sys.argv[2]}"
    engine = sa.create_engine(url, future=True)
    Base.metadata.create_all(engine)
    with engine.begin() as c:
        c.exec_driver_sql("CREATE VIEW live_books AS SELECT id, title FROM book WHERE status = 'live'")
    insp = sa.inspect(engine)
    show("tables", insp.get_table_names())
    show("views", insp.get_view_names())
    show("enums", insp.get_enums())
    for t in ["author", "book"]:
        for col in insp.get_columns(t):
            show(f"column {t}", {k: str(v) for k, v in sorted(col.items())})
        show(f"pk {t}", insp.get_pk_constraint(t))
        show(f"fks {t}", insp.get_foreign_keys(t))
        show(f"indexes {t}", sorted(insp.get_indexes(t), key=lambda i: i["name"]))
        show(f"uniques {t}", sorted(insp.get_unique_constraints(t), key=lambda u: u["name"]))
        show(f"checks {t}", insp.get_check_constraints(t))
    show("view definition", insp.get_view_definition("live_books"))
    reflected = sa.MetaData()
    reflected.reflect(engine, views=True)
    for name, table in sorted(reflected.tables.items()):
        show(f"reflected {name}", [f"{c.name} {c.type!r} nullable={c.nullable}" for c in table.columns])
    with Session(engine, future=True) as s:
        a = Author(name="Ann")
        a.books = [
            Book(title="One", price=12.5, tags=["x", "y"], meta={"k": [1, 2]}, status=Status.live),
            Book(title="Two"),
        ]
        s.add(a)
        s.commit()
        got = s.execute(sa.select(Book).join(Author).where(Author.name == "Ann").order_by(Book.id)).scalars().all()
        show("books", [(b.title, b.price, b.status, b.tags, b.meta) for b in got])
        got[1].price = 3
        s.commit()
        show("updated", s.execute(sa.select(sa.func.sum(Book.price))).scalar_one())
        s.delete(a)
        s.commit()
        show("after delete", s.execute(sa.select(sa.func.count()).select_from(Book)).scalar_one())


main()
