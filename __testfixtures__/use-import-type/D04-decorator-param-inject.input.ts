import { Inject, Service, Config } from './lib/service';

export class Params {
  constructor(@Inject('cfg') private readonly config: Config, private readonly service: Service) {}
}
