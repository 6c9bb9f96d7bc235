/**
 * The `xlce` command line: parses options, calls the core, prints.
 *
 * <p>May import: org.xaneslce.api and the result, parameter and error types it names; app.report, app.web.
 */
package org.xaneslce.app;
