import { createHash } from 'node:crypto';

export const organizationStream = (organizationId: string) => `organization-${organizationId}`;
export const licenceStream = (licence: string) =>
  `licence-${createHash('sha256').update(licence.trim().toUpperCase()).digest('hex')}`;
