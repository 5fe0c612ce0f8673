import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId, NotFound } from '@blue-ocean/kernel';
import { Users } from '@blue-ocean/identity';
import { CommandContext, DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { licenceReservation } from '../domain/licence.decider';
import { DEFAULT_CHECK_IN_RADIUS_METERS, organization, OrganizationCommand, OrganizationState } from '../domain/organization.decider';
import { licenceStream, organizationStream } from '../domain/streams';
import { AddMember, AddSite, RegisterOrganization, VerifyOrganization } from './organization-commands';

/** Loads the organization's stream, decides, appends, and waits for the read models. */
@Injectable()
export class OrganizationChanges {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  async change(organizationId: string, command: OrganizationCommand, actor: string): Promise<void> {
    const context: CommandContext = { actor, at: new Date() };
    const { position } = await this.decisions.decide<OrganizationState>(
      { streamId: organizationStream(organizationId), decider: organization },
      (state) => {
        if (state.status === 'none') throw new NotFound('Organization');
        return organization.decide(command, state);
      },
      context,
    );
    await this.projections.passed(position);
  }
}

@CommandHandler(RegisterOrganization)
export class RegisterOrganizationHandler implements ICommandHandler<RegisterOrganization, string> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  /** The organization and its licence reservation are written together; returns the new id. */
  async execute({ caller, input }: RegisterOrganization): Promise<string> {
    const organizationId = newId();
    const register: OrganizationCommand = { type: 'Register', organizationId, actor: caller.userId, ...input };
    const { position } = await this.decisions.decideMany(
      [
        { streamId: organizationStream(organizationId), decider: organization, isNew: true },
        { streamId: licenceStream(input.businessLicenceNumber), decider: licenceReservation },
      ],
      ([orgState, licenceState]) => {
        const events = organization.decide(register, orgState as OrganizationState);
        const licence = licenceReservation.decide(
          { type: 'ClaimLicence', businessLicenceNumber: input.businessLicenceNumber.trim(), organizationId },
          licenceState as { claimedBy: string | null },
        );
        return [events, licence];
      },
      { actor: caller.userId, at: new Date() },
    );
    await this.projections.passed(position);
    return organizationId;
  }
}

@CommandHandler(VerifyOrganization)
export class VerifyOrganizationHandler implements ICommandHandler<VerifyOrganization> {
  constructor(private readonly organizations: OrganizationChanges) {}

  async execute({ caller, organizationId, approve, note }: VerifyOrganization): Promise<void> {
    await this.organizations.change(
      organizationId,
      { type: 'Verify', actor: caller.userId, actorIsPlatformAdmin: caller.isPlatformAdmin, approve, note },
      caller.userId,
    );
  }
}

@CommandHandler(AddSite)
export class AddSiteHandler implements ICommandHandler<AddSite, string> {
  constructor(private readonly organizations: OrganizationChanges) {}

  async execute({ caller, input }: AddSite): Promise<string> {
    const siteId = newId();
    await this.organizations.change(
      input.organizationId,
      {
        type: 'AddSite',
        actor: caller.userId,
        siteId,
        name: input.name,
        address: input.address,
        location: { lat: input.location.lat, lng: input.location.lng },
        checkInRadiusMeters: input.checkInRadiusMeters ?? DEFAULT_CHECK_IN_RADIUS_METERS,
      },
      caller.userId,
    );
    return siteId;
  }
}

@CommandHandler(AddMember)
export class AddMemberHandler implements ICommandHandler<AddMember, string> {
  constructor(
    private readonly organizations: OrganizationChanges,
    private readonly users: Users,
  ) {}

  /** Returns the added user's id. */
  async execute({ caller, organizationId, email, role }: AddMember): Promise<string> {
    const user = await this.users.byEmail(email.trim().toLowerCase());
    if (!user) throw new NotFound('User with this e-mail');
    await this.organizations.change(organizationId, { type: 'AddMember', actor: caller.userId, userId: user.id, role }, caller.userId);
    return user.id;
  }
}
