import { ConflictException, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { NotificationsService, type UserPrincipal } from '@app/domain';
import { Auth, CurrentUser } from '../auth/auth.guard';
import { idParam } from '../common/schemas';
import { ApiRoute } from '../openapi/api-route.decorator';

/** Delivery operations for coordinators and admins (the dashboard's retry button calls this). */
@Controller('api/v1/notifications')
@Auth('admin', 'coordinator')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post(':id/retry')
  @HttpCode(202)
  @ApiRoute({
    tag: 'Notifications',
    summary: 'Retry a failed notification',
    description:
      'Queues the email again with the same Message-ID. 409 when the notification is not failed; 404 outside the caller’s technoparks.',
    status: 202,
    response: z.object({ id: z.uuid(), status: z.literal('queued') }),
    errors: [404, 409],
  })
  async retry(@CurrentUser() staff: UserPrincipal, @Param('id', idParam('notification')) id: string) {
    const outcome = await this.notifications.retry(id, staff);
    if (outcome === 'not-found') {
      throw new NotFoundException('notification not found');
    }
    if (outcome === 'not-failed') {
      throw new ConflictException('only a failed notification can be retried');
    }
    return { id, status: 'queued' as const };
  }
}
