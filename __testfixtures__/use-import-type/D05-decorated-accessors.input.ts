import { Prop, Service, Config } from './lib/service';

export class Accessors {
  private s?: Service;
  private c?: Config;
  @Prop() get service(): Service | undefined { return this.s; }
  @Prop() set config(value: Config | undefined) { this.c = value; }
}
