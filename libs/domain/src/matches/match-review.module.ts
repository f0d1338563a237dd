import { Module } from '@nestjs/common';
import { MatchReviewService } from './match-review.service';

/** Coordinators' approval of proposed matches (audit and outbox come from their global modules). */
@Module({ providers: [MatchReviewService], exports: [MatchReviewService] })
export class MatchReviewModule {}
