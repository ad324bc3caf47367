import { defineEntity, p } from '@mikro-orm/core';
import { chatPlatforms } from '../enums.ts';

/**
 * Which process holds a platform's websocket (Slack Socket Mode, the Discord gateway): one at a
 * time, renewed while it runs; a holder that dies lets its lease run out and another takes over.
 */
export const ChatConnectionLeaseSchema = defineEntity({
  name: 'ChatConnectionLease',
  properties: {
    platform: p.enum(chatPlatforms).primary(),
    holder: p.string().length(200),
    expiresAt: p.datetime(),
  },
});

export class ChatConnectionLease extends ChatConnectionLeaseSchema.class {}
ChatConnectionLeaseSchema.setClass(ChatConnectionLease);
