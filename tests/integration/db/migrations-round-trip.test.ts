import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { createMigrator } from '../../../core/db/migrate.ts';
import { createLogger } from '../../../core/logger.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Every migration can be undone, in order, down to an empty schema, and applied again to the same schema. */
describe('migrations', () => {
  let core: Core;
  const migrator = () => createMigrator(core.sequelize, createLogger('warn', false));
  /** Tables, columns, indexes and functions of the public schema, as text to compare. */
  const schema = async () =>
    core.sequelize.query<{ item: string }>(
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS item FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations_meta'
       UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations_meta'
       UNION ALL SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
       UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal
       ORDER BY 1`,
      { type: QueryTypes.SELECT },
    );

  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => {
    await core.close();
  });

  it('go down to nothing and up again to the same schema', async () => {
    const latest = await schema();
    await migrator().down({ to: 0 });
    expect(await schema()).toEqual([]);
    await migrator().up();
    expect(await schema()).toEqual(latest);
  });
});
