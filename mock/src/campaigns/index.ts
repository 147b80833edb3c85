import { associationHandlers } from './associations.ts';
import type { CampaignHandler } from './context.ts';
import { entityHandlers } from './handlers.ts';

/** Every stateful Campaign Management operation; the others are synthesized from the schema. */
export const CAMPAIGN_HANDLERS: Record<string, CampaignHandler> = {
  ...entityHandlers(),
  ...associationHandlers(),
};
