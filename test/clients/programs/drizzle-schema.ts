// The schema of the Drizzle client test (orm-drizzle.test.ts): drizzle-kit pushes it, drizzle-orm queries it.
import { relations } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

export const mood = pgEnum("mood", ["sad", "ok", "happy"]);

export const authors = pgTable("authors", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 80 }).notNull(),
  email: text("email").notNull().unique(),
  mood: mood("mood").default("ok"),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
});

export const posts = pgTable(
  "posts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    authorId: integer("author_id")
      .notNull()
      .references(() => authors.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    published: boolean("published").default(false).notNull(),
    meta: jsonb("meta"),
    price: numeric("price", { precision: 10, scale: 2 }),
  },
  (t) => [index("posts_author_idx").on(t.authorId), uniqueIndex("posts_title_uq").on(t.authorId, t.title)],
);

export const authorsRelations = relations(authors, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({
  author: one(authors, { fields: [posts.authorId], references: [authors.id] }),
}));
