/**
 * ts-morph's runtime values for codemigrate's own modules, loaded with require().
 *
 * ts-morph is CommonJS without a "type" field. Imported from an ES module, Node first parses its 1 MB
 * bundle to guess its format, then scans it again for export names, before loading it: about 85 ms of
 * every run's start (measured on Node 20.20). This small CommonJS module requires it directly, and
 * its own exports are assignments that Node reads at once. Types still come from 'ts-morph' itself.
 */
import tsMorph = require('ts-morph');

export import ts = tsMorph.ts;
export import Node = tsMorph.Node;
export import Project = tsMorph.Project;
export import SyntaxKind = tsMorph.SyntaxKind;
