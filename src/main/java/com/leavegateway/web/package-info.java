/**
 * What the API's endpoints share: the settings of the gateway's own API
 * ({@code gateway.*}), the checks of request parameters and how parameter records bind
 * them, asynchronous answers that hold no servlet thread
 * ({@link com.leavegateway.web.Futures} to wait for or map a shared fetch), the request
 * id filter, the malformed path filter, JSON settings and answers serialised already
 * ({@link com.leavegateway.web.JsonParts}), and the OpenAPI document with its examples.
 */
@NullMarked
package com.leavegateway.web;

import org.jspecify.annotations.NullMarked;
