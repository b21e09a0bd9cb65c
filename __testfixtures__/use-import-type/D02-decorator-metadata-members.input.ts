import { Prop, Method, Service, Logger, Config } from './lib/service';

export class Members {
  @Prop() service!: Service;
  @Method() run(config: Config, logger: Logger | undefined): void { void config; void logger; }
}
