import { defineEntity, p } from '@mikro-orm/core';

/**
 * A chat interaction (a click, a command, an event) some process has taken on, by the platform's
 * own id: with several API processes, or a platform that delivers the same event twice, the first
 * to record it acts and the others only answer. Old rows may be deleted: platforms do not redeliver
 * after minutes.
 */
export const ChatInteractionSchema = defineEntity({
  name: 'ChatInteraction',
  properties: {
    /** `<platform>:<the platform's id>`, e.g. `discord:1234` or `slack:Ev123`. */
    key: p.string().length(200).primary(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});

export class ChatInteraction extends ChatInteractionSchema.class {}
ChatInteractionSchema.setClass(ChatInteraction);
