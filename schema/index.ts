import { builder } from './builder.ts';
import './scalars.ts';
import './errors.ts';
import './enums.ts';
import './team.ts';
import './customer.ts';
import './customer-operations.ts';
import './customer-loyalty.ts';
import './account.ts';
import './product.ts';
import './purchase.ts';
import './feedback.ts';
import './ticket.ts';
import './team-operations.ts';
import './ticket-operations.ts';
import './chat.ts';
import './privacy.ts';
import './segment.ts';
import './rewards.ts';
import './loyalty-report.ts';
import './recovery-paradox.ts';
import './category-distribution.ts';
import './viewer.ts';
import './subscriptions.ts';

builder.queryType({ description: 'Read customers, their feedback, purchases and recovery tickets.' });
builder.mutationType({ description: 'Record customers, purchases and feedback, and work recovery tickets.' });

export const schema = builder.toSchema({ sortSchema: true });
