import type { CombinedError } from '@urql/core';
import { errorText } from '../api/client.ts';

/** What went wrong with a request, announced to screen readers; nothing when nothing did. */
export function ErrorAlert({ error }: { error: CombinedError | undefined }) {
  return error ? (
    <p role="alert" class="error">
      {errorText(error)}
    </p>
  ) : null;
}
