import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { CommandMeta } from '../../infrastructure/command-meta.js';

/** Deactivates a user (once: a second time records nothing); answers the log position. */
export class DisattivaUtente extends Command<Position | undefined> {
  constructor(
    readonly userId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
