import { describe, expect, it } from 'vitest';
import { ChatDelivery, Feedback } from '../../../db/entities/index.ts';
import { sendSurvey } from '../../../domain/surveys/survey-service.ts';
import { useTestDatabase } from '../../support/database.ts';
import { makeCustomer, makeTeam } from '../../support/factories.ts';

const db = useTestDatabase();
const day = 86_400_000;
const now = new Date();
const daysFromNow = (days: number) => new Date(now.getTime() + days * day);

async function linkedCustomer() {
  const em = db.orm.em.fork();
  const customer = await makeCustomer(em, await makeTeam(em), { slackUserId: `U${crypto.randomUUID().slice(0, 8)}` });
  return { em, customer };
}

describe('the survey cooldown', () => {
  it('counts a queued follow-up from the day it is due, so no invitation goes out just before it', async () => {
    const { em, customer } = await linkedCustomer();
    em.create(ChatDelivery, {
      dedupeKey: `followup:test:${customer.id}`,
      platform: 'SLACK',
      kind: 'SURVEY',
      customer,
      target: customer.slackUserId as string,
      nextAttemptAt: daysFromNow(3),
    });
    await em.flush();
    const refused = sendSurvey(em.fork(), { customerId: customer.id, platform: 'SLACK' }, 7, now);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', field: 'input.customerId' });
    await expect(refused).rejects.toThrow(daysFromNow(10).toISOString());
  });

  it('allows an invitation once the cooldown after the newest answer has passed, and not a day before', async () => {
    const { em, customer } = await linkedCustomer();
    em.create(Feedback, {
      customer,
      nps: 8,
      channel: 'WEB',
      submittedAt: daysFromNow(-6),
      idempotencyKey: crypto.randomUUID(),
    });
    await em.flush();
    await expect(sendSurvey(em.fork(), { customerId: customer.id, platform: 'SLACK' }, 7, now)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const sent = await sendSurvey(em.fork(), { customerId: customer.id, platform: 'SLACK' }, 7, daysFromNow(1.5));
    expect(sent).toMatchObject({ kind: 'SURVEY', platform: 'SLACK', target: customer.slackUserId });
  });
});
