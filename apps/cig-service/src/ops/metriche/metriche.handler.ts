import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Metrics } from '#platform';
import { Metriche } from './metriche.query.js';

@QueryHandler(Metriche)
export class MetricheHandler implements IQueryHandler<Metriche> {
  constructor(private readonly metrics: Metrics) {}

  async execute(): Promise<{ contentType: string; testo: string }> {
    return { contentType: this.metrics.registry.contentType, testo: await this.metrics.registry.metrics() };
  }
}
