import { Query } from '@nestjs/cqrs';

/** `GET /metrics`: the metrics in Prometheus' text format, with its content type. */
export class Metriche extends Query<{ contentType: string; testo: string }> {}
