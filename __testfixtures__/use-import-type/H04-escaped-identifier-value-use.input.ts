import { Service, Logger } from './lib/service';
// The value use of Service is spelled with a unicode escape: the file's text never shows the name.
export function make(log: Logger): Service {
  void log;
  return new \u0053ervice();
}
