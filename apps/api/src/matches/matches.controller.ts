import { ConflictException, Controller, HttpCode, NotFoundException, Param, Post, Get } from '@nestjs/common';
import { z } from 'zod';
import { MATCH_STATUSES, MatchReviewService, type ReviewDecision, type UserPrincipal } from '@app/domain';
import { Auth, CurrentUser } from '../auth/auth.guard';
import { idParam, isoDateTime, pageQuery, pageSchema } from '../common/schemas';
import { ApiRoute, ValidQuery } from '../openapi/api-route.decorator';

const TAG = 'Match review';

const listQuerySchema = z.strictObject({
  status: z.enum(MATCH_STATUSES).default('proposed'),
  ...pageQuery,
});
type ListQuery = z.output<typeof listQuerySchema>;

const reviewedMatchSchema = z.object({
  id: z.uuid(),
  status: z.enum(MATCH_STATUSES),
  score: z.number(),
  rank: z.number().int(),
  breakdown: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
  reviewedAt: isoDateTime.nullable(),
  task: z.object({
    id: z.uuid(),
    title: z.string(),
    substituteName: z.string(),
    regionCode: z.string(),
    deadline: z.string().nullable(),
  }),
  resident: z.object({ id: z.uuid(), name: z.string(), technoparkId: z.uuid(), regionCode: z.string() }),
});
const decisionSchema = reviewedMatchSchema.extend({ notificationQueued: z.boolean() });

/** Review before contact: coordinators approve or reject proposed matches in their technoparks. */
@Controller('api/v1/matches')
@Auth('admin', 'coordinator')
export class MatchesController {
  constructor(private readonly reviews: MatchReviewService) {}

  @Get()
  @ApiRoute({
    tag: TAG,
    summary: 'List matches by status (proposed ones wait for review)',
    description:
      "Oldest first. A coordinator sees the residents of their technoparks only; an admin sees all. Residents of technoparks with `reviewMatches` on are contacted only after a match's approval.",
    query: listQuerySchema,
    queryExample: { status: 'proposed', limit: '50' },
    response: pageSchema(reviewedMatchSchema),
    errors: [400],
  })
  async list(@CurrentUser() staff: UserPrincipal, @ValidQuery() query: ListQuery) {
    return this.reviews.list(staff, query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiRoute({
    tag: TAG,
    summary: 'Approve a proposed match',
    description:
      'Queues the email to the resident (unless it takes a daily digest or no email) in the same transaction. 409 when the match is not proposed.',
    response: decisionSchema,
    errors: [404, 409],
  })
  async approve(@CurrentUser() staff: UserPrincipal, @Param('id', idParam('match')) id: string) {
    return this.decide(staff, id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiRoute({
    tag: TAG,
    summary: 'Reject a proposed match',
    description: 'The resident is never contacted about it. 409 when the match is not proposed.',
    response: decisionSchema,
    errors: [404, 409],
  })
  async reject(@CurrentUser() staff: UserPrincipal, @Param('id', idParam('match')) id: string) {
    return this.decide(staff, id, 'reject');
  }

  private async decide(staff: UserPrincipal, id: string, decision: ReviewDecision) {
    const outcome = await this.reviews.review(id, decision, staff);
    if (outcome.kind === 'not-found') {
      throw new NotFoundException('match not found');
    }
    if (outcome.kind === 'conflict') {
      throw new ConflictException(`the match is ${outcome.status}, not proposed`);
    }
    return { ...outcome.match, notificationQueued: outcome.notificationQueued };
  }
}
