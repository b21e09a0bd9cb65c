export class Service { s = 1; }
export class Logger { l = 1; }
export interface Config { c: 1 }
export function Injectable(): ClassDecorator { return () => {}; }
export function Inject(_token: unknown): ParameterDecorator { return () => {}; }
export function Prop(): PropertyDecorator { return () => {}; }
export function Method(): MethodDecorator { return () => {}; }
