/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the middleware once the admin gate let this request through; admin pages require it. */
    adminGranted?: boolean;
  }
}
