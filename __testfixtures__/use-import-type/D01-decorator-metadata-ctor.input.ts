import { Injectable, Service, Config } from './lib/service';

@Injectable()
export class Consumer {
  constructor(private readonly service: Service, private readonly config: Config) {}
}
