// Every integration suite, imported in order (the bundle needs static imports).
import './activation.test';
