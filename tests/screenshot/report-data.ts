import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Core } from '../../core/app.ts';
import type { StaffView } from '../../core/accounts/index.ts';
import type { Reaction } from '../../core/articles/reactions.ts';
import type { RatingScore } from '../../core/chat/index.ts';
import type { HelpCenterEvent } from '../../core/metrics/events.ts';

/** A seeded random generator, so every run draws the same "realistic" month. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const QUESTIONS = ['How do I reset my password?', 'Где мой счёт за ноябрь?', 'Can I change the plan mid-month?', 'The export is empty', 'Как добавить коллегу?', 'Refund for a double charge'];
const FAILED_QUERIES = ['invoice pdf', 'sso okta', 'возврат денег', 'api rate limit', 'dark mode'];
const DAY_MS = 86_400_000;

/**
 * A small, plausible month of activity for the README's screenshot: help-center visits with searches and
 * reactions, and conversations answered by three operators during office hours, busier on weekdays.
 * Records are made through the domain (so they are what the product itself would store), then moved back
 * in time with SQL — the domain always stamps "now".
 */
export async function seedReportData(core: Core, { days = 30, now = new Date(), seed = 7 } = {}): Promise<{ conversations: number }> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sql = core.sequelize;
  const articles = await sql.query<{ id: number; locale: string }>("SELECT id, locale FROM articles WHERE status = 'published' ORDER BY id", { type: QueryTypes.SELECT });
  const operators = await createOperators(core, ['Olga Petrova', 'Sam Carter', 'Ivan Sokolov']);
  let conversations = 0;
  for (let back = days - 1; back >= 0; back--) {
    const day = new Date(now.getTime() - back * DAY_MS);
    const weekday = (day.getUTCDay() + 6) % 7;
    const busy = weekday < 5 ? 1 : 0.35;
    const at = (hourFrom: number, hourTo: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourFrom + Math.floor(random() * (hourTo - hourFrom)), Math.floor(random() * 60)));
    for (let v = 0; v < Math.round((20 + random() * 25) * busy); v++) {
      const article = pick(articles);
      // About one visitor in ten opens the widget and asks; their chat visitor is the one the events name.
      const opensWidget = random() < 0.25;
      const asks = opensWidget && random() < 0.4;
      const visitorId = asks ? (await core.chat.connectVisitor({ facts: { locale: article.locale, timeZone: 'Europe/Berlin' } })).visitorId : randomUUID();
      const when = at(7, 22);
      const events: HelpCenterEvent[] = [{ type: 'page_view', locale: article.locale, visitorId, occurredAt: when }, { type: 'page_view', locale: article.locale, visitorId, articleId: article.id, occurredAt: when }];
      if (random() < 0.6) await searchLog(core, visitorId, article.locale, random() < 0.25 ? pick(FAILED_QUERIES) : 'password', random() < 0.3 ? null : article.id, when);
      if (random() < 0.3) await reactAt(core, article.id, visitorId, random() < 0.25 ? 'sad' : random() < 0.4 ? 'neutral' : 'happy', when);
      if (opensWidget) {
        events.push({ type: 'widget_open', locale: article.locale, visitorId, occurredAt: when });
        if (!asks) events.push({ type: 'deflection', locale: article.locale, visitorId, articleId: article.id, occurredAt: when });
        else {
          await conversationAt(core, { visitorId, operator: pick(operators), article, body: pick(QUESTIONS), start: at(8, 19), replyAfterMinutes: 1 + random() * 30, score: random() < 0.7 ? (random() < 0.8 ? 'happy' : 'neutral') : random() < 0.5 ? 'sad' : null, botHelped: random() < 0.3, now });
          conversations++;
        }
      }
      await core.metrics.recordEvents(events);
    }
  }
  return { conversations };
}

async function createOperators(core: Core, names: string[]): Promise<StaffView[]> {
  const staff: StaffView[] = [];
  for (const name of names) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@acme.example`;
    const [row] = await core.sequelize.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES (:email, :name, NULL, ARRAY['operator']::varchar[]) RETURNING id", { replacements: { email, name }, type: QueryTypes.SELECT });
    staff.push({ id: row!.id, email, name, avatarUrl: null, roles: ['operator'], deactivated: false });
  }
  return staff;
}

/** The search box's log (written by search/, which this script does not start): failed queries find nothing. */
async function searchLog(core: Core, visitorId: string, locale: string, query: string, clickedArticleId: number | null, when: Date): Promise<void> {
  const resultCount = FAILED_QUERIES.includes(query) ? 0 : 3;
  const clicked = resultCount > 0 ? clickedArticleId : null;
  await core.sequelize.query(
    'INSERT INTO search_queries (session_id, visitor_id, locale, query, result_count, clicked_article_id, clicked_position, created_at, updated_at) VALUES (:visitorId, :visitorId, :locale, :query, :resultCount, :clicked, :position, :when, :when)',
    { replacements: { visitorId, locale, query, resultCount, clicked, position: clicked ? 1 : null, when } },
  );
}

async function reactAt(core: Core, articleId: number, visitorId: string, reaction: Reaction, when: Date): Promise<void> {
  await core.articles.react(articleId, visitorId, reaction);
  await core.sequelize.query('UPDATE article_reactions SET created_at = :when, updated_at = :when WHERE article_id = :articleId AND visitor_id = :visitorId', { replacements: { when, articleId, visitorId } });
}

interface ConversationPlan {
  visitorId: string;
  operator: StaffView;
  article: { id: number; locale: string };
  body: string;
  start: Date;
  replyAfterMinutes: number;
  score: RatingScore | null;
  /** The answer bot settled it before a person was needed (most still reach an operator). */
  botHelped: boolean;
  now: Date;
}

/** A visitor asks from an article; the bot settles it or an operator answers and closes, and the visitor maybe rates; then all of it moves to `start`. */
async function conversationAt(core: Core, plan: ConversationPlan): Promise<void> {
  const { visitorId } = plan;
  const { conversation } = await core.chat.startConversation(visitorId, { clientId: randomUUID(), body: plan.body, origin: { kind: 'article', articleId: plan.article.id, reaction: 'sad' } });
  if (!plan.botHelped) {
    await core.chat.assign(plan.operator, conversation.id, plan.operator.id);
    await core.chat.agentMessage(plan.operator, { conversationId: conversation.id, clientId: randomUUID(), body: 'Happy to help — here is how.', kind: 'text' });
  }
  await core.chat.setStatus(plan.operator, conversation.id, 'closed');
  if (plan.score && !plan.botHelped) await core.chat.rate(visitorId, { conversationId: conversation.id, score: plan.score, comment: null });
  // Everything this conversation wrote happened "now"; shift it so the first message is at `start`.
  const shift = `${Math.round((plan.now.getTime() - plan.start.getTime()) / 1000)} seconds`;
  const replyShift = `${Math.round(plan.replyAfterMinutes * 60)} seconds`;
  const replacements = { id: conversation.id, shift, replyShift };
  await core.sequelize.query("UPDATE messages SET created_at = created_at - :shift::interval + CASE WHEN seq > 1 THEN :replyShift::interval ELSE '0'::interval END WHERE conversation_id = :id", { replacements });
  await core.sequelize.query(
    `UPDATE conversations SET created_at = created_at - :shift::interval, updated_at = updated_at - :shift::interval + :replyShift::interval,
            last_message_at = last_message_at - :shift::interval + :replyShift::interval, first_closed_at = first_closed_at - :shift::interval + :replyShift::interval,
            bot_outcome = :botOutcome WHERE id = :id`,
    { replacements: { ...replacements, botOutcome: plan.botHelped ? 'helped' : 'escalated' } },
  );
  await core.sequelize.query('UPDATE conversation_ratings SET created_at = created_at - :shift::interval + :replyShift::interval, updated_at = updated_at - :shift::interval + :replyShift::interval WHERE conversation_id = :id', { replacements });
}
