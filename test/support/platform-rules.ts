/**
 * What Slack and Discord refuse and how they read text, written from their documentation (Block
 * Kit reference, chat.postMessage; Discord's Message and Embed limits, allowed mentions) and kept
 * apart from the bots' own code, so that the fakes check the renderers rather than agree with them.
 */

const tooLong = (max: number, pointer: string) => `must be less than ${max + 1} characters [json-pointer:${pointer}]`;

/** Slack's `invalid_blocks` errors for a message, or a `msg_too_long`; empty when Slack takes it. */
export function slackRefusal(args: Record<string, any>): { error: string; errors?: string[] } | null {
  if (typeof args.text === 'string' && args.text.length > 40_000) return { error: 'msg_too_long' };
  const blocks: any[] = Array.isArray(args.blocks) ? args.blocks : [];
  const errors: string[] = [];
  if (blocks.length > 50) errors.push(`no more than 50 items allowed [json-pointer:/blocks]`);
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (block.type === 'header' && block.text?.text?.length > 150) errors.push(tooLong(150, `${at}/text/text`));
    if (block.type === 'section') {
      if (block.text?.text?.length > 3_000) errors.push(tooLong(3_000, `${at}/text/text`));
      if (block.fields?.length > 10) errors.push(`no more than 10 items allowed [json-pointer:${at}/fields]`);
      block.fields?.forEach((field: any, j: number) => {
        if (field.text?.length > 2_000) errors.push(tooLong(2_000, `${at}/fields/${j}/text`));
      });
    }
    if (block.type === 'context') {
      block.elements?.forEach((element: any, j: number) => {
        if (element.text?.length > 2_000) errors.push(tooLong(2_000, `${at}/elements/${j}/text`));
      });
    }
    if (block.type === 'actions') {
      block.elements?.forEach((element: any, j: number) => {
        if (element.text?.text?.length > 75) errors.push(tooLong(75, `${at}/elements/${j}/text/text`));
        if (element.value?.length > 2_000) errors.push(tooLong(2_000, `${at}/elements/${j}/value`));
      });
    }
  });
  return errors.length ? { error: 'invalid_blocks', errors } : null;
}

/** Every piece of mrkdwn Slack parses in a message: the top-level text and mrkdwn text objects. */
export function slackMrkdwn(args: Record<string, any>): string[] {
  const texts: string[] = typeof args.text === 'string' ? [args.text] : [];
  const walk = (value: any) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (value.type === 'mrkdwn' && typeof value.text === 'string') texts.push(value.text);
      Object.values(value).forEach(walk);
    }
  };
  walk(args.blocks);
  return texts;
}

/** The control sequences Slack would act on: channel-wide pings, user pings and links. */
export function slackLiveSequences(args: Record<string, any>): string[] {
  return slackMrkdwn(args).flatMap((text) => text.match(/<(![a-z^]+[^>]*|@[UW][A-Z0-9]+|https?:[^>]*)>/gi) ?? []);
}

interface DiscordFieldError {
  _errors: { code: string; message: string }[];
}

/** Discord's 50035 Invalid Form Body for a message, or null when Discord takes it. */
export function discordRefusal(body: Record<string, any>): { code: number; message: string; errors: object } | null {
  const errors: Record<string, DiscordFieldError> = {};
  const check = (path: string, value: unknown, max: number) => {
    if (typeof value === 'string' && value.length > max) {
      errors[path] = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }] };
    }
  };
  check('content', body.content, 2_000);
  (body.embeds ?? []).forEach((embed: any, i: number) => {
    check(`embeds.${i}.title`, embed.title, 256);
    check(`embeds.${i}.description`, embed.description, 4_096);
    check(`embeds.${i}.footer.text`, embed.footer?.text, 2_048);
    if ((embed.fields ?? []).length > 25) {
      errors[`embeds.${i}.fields`] = {
        _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }],
      };
    }
    (embed.fields ?? []).forEach((field: any, j: number) => {
      check(`embeds.${i}.fields.${j}.name`, field.name, 256);
      check(`embeds.${i}.fields.${j}.value`, field.value, 1_024);
    });
  });
  const total = (body.embeds ?? []).reduce(
    (sum: number, embed: any) =>
      sum +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text?.length ?? 0) +
      (embed.author?.name?.length ?? 0) +
      (embed.fields ?? []).reduce((s: number, f: any) => s + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0),
    0,
  );
  if (total > 6_000) {
    errors.embeds = {
      _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }],
    };
  }
  if ((body.components ?? []).length > 5) {
    errors.components = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' }] };
  }
  (body.components ?? []).forEach((row: any, i: number) => {
    if ((row.components ?? []).length > 5) {
      errors[`components.${i}.components`] = {
        _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' }],
      };
    }
    (row.components ?? []).forEach((button: any, j: number) => {
      check(`components.${i}.components.${j}.label`, button.label, 80);
      check(`components.${i}.components.${j}.custom_id`, button.custom_id, 100);
    });
  });
  return Object.keys(errors).length ? { code: 50035, message: 'Invalid Form Body', errors } : null;
}

/**
 * Whom a Discord message would ping, by the allowed_mentions rules: without allowed_mentions every
 * mention in the content pings; with it, only the kinds in `parse` and the ids listed.
 */
export function discordPings(body: Record<string, any>): string[] {
  const content: string = body.content ?? '';
  const unescaped = (pattern: RegExp) =>
    [...content.matchAll(pattern)].filter((m) => content[(m.index ?? 0) - 1] !== '\\').map((m) => m[0]);
  const everyone = unescaped(/@(everyone|here)/g);
  const users = unescaped(/<@!?(\d+)>/g);
  const roles = unescaped(/<@&(\d+)>/g);
  const allowed = body.allowed_mentions;
  if (!allowed) return [...everyone, ...users, ...roles];
  const parse: string[] = allowed.parse ?? [];
  const listedUsers: string[] = allowed.users ?? [];
  return [
    ...(parse.includes('everyone') ? everyone : []),
    ...users.filter((m) => parse.includes('users') || listedUsers.includes(m.replace(/\D/g, ''))),
    ...(parse.includes('roles') ? roles : []),
  ];
}
