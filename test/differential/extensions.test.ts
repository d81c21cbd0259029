import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "CREATE EXTENSION uuid-ossp and pgcrypto",
  [],
  [
    "CREATE EXTENSION IF NOT EXISTS pgcrypto",
    'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"',
    'CREATE EXTENSION "uuid-ossp"',
    "CREATE EXTENSION IF NOT EXISTS plpgsql",
    "SELECT extname, extversion, extrelocatable, extnamespace::regnamespace FROM pg_extension ORDER BY 1",
    "SELECT uuid_generate_v5(uuid_ns_url(), 'https://example.com'), uuid_generate_v3(uuid_ns_dns(), 'example.com'), uuid_nil()",
    "SELECT uuid_ns_oid(), uuid_ns_x500()",
    "SELECT length(uuid_generate_v1()::text), substr(uuid_generate_v1mc()::text, 15, 1), substr(uuid_generate_v4()::text, 15, 1)",
    "SELECT encode(digest('abc', 'sha256'), 'hex'), encode(digest('abc'::bytea, 'md5'), 'hex')",
    "SELECT encode(hmac('msg', 'key', 'sha1'), 'hex'), encode(hmac('msg'::bytea, 'key'::bytea, 'sha512'), 'base64')",
    "SELECT digest('x', 'nope')",
    "SELECT length(gen_random_bytes(16))",
    "SELECT gen_random_bytes(0)",
    "DROP EXTENSION pgcrypto",
    "DROP EXTENSION IF EXISTS pgcrypto",
    "DROP EXTENSION pgcrypto",
    "SELECT extname FROM pg_extension ORDER BY 1",
  ],
);
