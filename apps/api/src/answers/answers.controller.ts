import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AnswersService, DECLINE_REASONS, type AnswerPageState } from '@app/domain';
import { renderAnswerPage } from './answer-page';

const answerFormSchema = z.object({
  reason: z.enum(DECLINE_REASONS).or(z.literal('')).optional(),
  // PostgreSQL text cannot hold NUL; a stray one must not cost the resident their answer.
  comment: z
    .string()
    .max(2000)
    .transform((comment) => comment.replaceAll('\u0000', ''))
    .optional(),
});

/** Resident answer pages: GET shows the choice, POST records it (mail scanners only GET). */
@Controller('r')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    this.send(reply, await this.answers.inspect(token), token);
  }

  /** Also serves RFC 8058 one-click unsubscribe (`List-Unsubscribe=One-Click` posted by the mail client). */
  @Post(':token')
  @Header('cache-control', 'no-store')
  async answer(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const form = answerFormSchema.safeParse(body ?? {});
    const reason = form.success && form.data.reason ? form.data.reason : undefined;
    const comment = form.success ? form.data.comment?.trim() || undefined : undefined;
    this.send(reply, await this.answers.answer(token, reason, comment), token);
  }

  private send(reply: FastifyReply, state: AnswerPageState, token: string): void {
    void reply
      .status(state.kind === 'invalid' ? (state.reason === 'expired' || state.reason === 'gone' ? 410 : 400) : 200)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderAnswerPage(state, `/r/${encodeURIComponent(token)}`));
  }
}
