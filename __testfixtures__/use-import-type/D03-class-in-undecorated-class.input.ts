import { Service } from './lib/service';

export class Plain {
  constructor(private readonly service: Service) {}
}
