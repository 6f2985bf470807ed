import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, request, type ClientSocket } from '../support/chat-harness.ts';
import { signedInStaff } from '../support/admin-pages.ts';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('teams: an admin sets one up, the inbox shows what is routed to it', () => {
  const session = useServerAndBrowser();
  const sockets: ClientSocket[] = [];
  let db: pg.Client;
  let admin: Page;
  let olga: Page;
  const url = (path: string) => `${session.server.url}${path}`;
  const axeViolations = async (target: Page) => (await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${target.url()} ${v.id}`);

  const staffPage = (email: string, name: string, role: 'admin' | 'operator') => signedInStaff(session.browser, session.server, db, { email, name, role });

  beforeAll(async () => {
    db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    admin = await staffPage('ada@acme.example', 'Ada Admin', 'admin');
    olga = await staffPage('olga@acme.example', 'Olga Operator', 'operator');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db?.end();
  });

  it('creates a team with weekly hours and a closure, shows the clock’s complaint next to the field, keeps what was typed', async () => {
    await admin.goto(url('/admin'));
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Teams' }).click();
    expect(await admin.getByRole('row', { name: /^Support · default/ }).textContent()).toMatch(/Support · default.*Manual.*Always open/);
    await admin.getByLabel('Name').fill('Billing desk');
    await admin.getByRole('button', { name: 'Create team' }).click();
    expect(await admin.getByRole('status').textContent()).toBe('Team created: add its members and hours.');

    await admin.getByLabel('Always open (no schedule)').uncheck();
    await admin.getByLabel('Time zone').selectOption('Europe/Berlin');
    await admin.getByLabel('Monday, interval 1, from').fill('09:00');
    await admin.getByLabel('Monday, interval 1, until').fill('12:30');
    await admin.getByLabel('Monday, interval 2, from').fill('13:30');
    await admin.getByLabel('Monday, interval 2, until').fill('18:00');
    await admin.getByLabel('Tuesday, interval 1, from').fill('09:00');
    await admin.getByLabel('Tuesday, interval 1, until').fill('25:00');
    await admin.getByLabel('Closure 1, from').fill('2026-12-24');
    await admin.getByLabel('Closure 1, to').fill('2026-12-26');
    await admin.getByLabel('Closure 1, label').fill('Christmas');
    await admin.getByRole('button', { name: 'Save team' }).click();

    const tuesdayEnd = admin.getByLabel('Tuesday, interval 1, until');
    expect(await tuesdayEnd.getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator(`[id="${'schedule.weekly.tue.0.end'}-error"]`).textContent()).toBe('25:00 is not a time of day: use 00:00–24:00');
    expect(await admin.getByRole('alert').textContent()).toBe('Tuesday, interval 1, until: 25:00 is not a time of day: use 00:00–24:00');
    // Nothing typed is lost.
    expect([await admin.getByLabel('Monday, interval 2, until').inputValue(), await admin.getByLabel('Closure 1, label').inputValue()]).toEqual(['18:00', 'Christmas']);
    expect(await axeViolations(admin)).toEqual([]);

    await tuesdayEnd.fill('17:00');
    await admin.getByRole('button', { name: 'Save team' }).click();
    expect(await admin.getByRole('status').textContent()).toBe('Saved.');
    const { rows } = await db.query<{ schedule: unknown }>("SELECT schedule FROM teams WHERE name = 'Billing desk'");
    expect(rows[0]!.schedule).toEqual({
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }], tue: [{ start: '09:00', end: '17:00' }] },
      closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }],
    });

    await admin.getByLabel('Olga Operator').check();
    await admin.getByRole('button', { name: 'Save members' }).click();
    expect(await admin.getByRole('status').textContent()).toBe('Members saved.');
  });

  it('maps a collection to the team: a question asked on its pages shows under Team in a member’s inbox, with the team’s name', async () => {
    await admin.goto(url('/admin/teams'));
    await admin.getByLabel('Billing & plans (en)').selectOption({ label: 'Billing desk' });
    await admin.getByRole('button', { name: 'Save collection teams' }).click();
    expect(await admin.getByRole('status').textContent()).toContain('Saved: 1 collection changes team');
    expect(await axeViolations(admin)).toEqual([]);

    await olga.goto(url('/admin/inbox'));
    await olga.getByRole('status').getByText('Connected').waitFor();
    await olga.getByRole('tab', { name: /^Team 0$/ }).click();
    const visitor = await connectClient(session.server.url, '/visitor', { auth: { context: { locale: 'en', page: '/en/billing' } } });
    sockets.push(visitor);
    await request(visitor, 'conversation:start', { clientId: randomUUID(), body: 'Why was I charged twice?', origin: { kind: 'launcher', page: '/en/billing/refunds' } });

    await olga.getByRole('tab', { name: /^Team 1$/ }).waitFor();
    const row = olga.getByRole('tabpanel').getByRole('button', { name: /Why was I charged twice\?/ });
    expect(await row.textContent()).toContain('Billing desk');
    // A conversation elsewhere (the default team's) is not in Olga's Team tab.
    await request(visitor, 'conversation:start', { clientId: randomUUID(), body: 'Where is my parcel?', origin: { kind: 'launcher', page: '/en' } });
    await olga.getByRole('tab', { name: /^All 2$/ }).waitFor();
    expect(await olga.getByRole('tab', { name: /^Team/ }).textContent()).toMatch(/Team\s*1/);
  });
});
