// Client-side routing with the History API: every page has its own URL and the back button works.
import { signal } from '@preact/signals';
import { createElement, type ComponentChildren, type JSX } from 'preact';

export interface Route {
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  if (typeof window === 'undefined') return { path: '/', query: new URLSearchParams() };
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export const route = signal<Route>(current());

/** Increments on every in-app navigation (not the first load): Page moves focus to the h1. */
export const navigationCount = signal(0);

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    route.value = current();
    navigationCount.value += 1;
  });
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
  /** The same page with other parameters (filters, sort): keep focus and scroll where they are. */
  samePage?: boolean;
}

export function navigate(to: string, opts: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(to);
    return;
  }
  const target = `${url.pathname}${url.search}${url.hash}`;
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (target !== here) {
    if (opts.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
  }
  route.value = current();
  if (opts.samePage) return;
  navigationCount.value += 1;
  if (!url.hash) window.scrollTo(0, 0);
}

/** Replace some query parameters of the current URL (filters, sort) without a new history entry. */
export function setQuery(params: Record<string, string | null | undefined>, opts: NavigateOptions = { replace: true }): void {
  const q = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(`${window.location.pathname}${s ? `?${s}` : ''}`, { samePage: true, ...opts });
}

/**
 * Match a path against a pattern with :params: match('/portal/tickets/:id', '/portal/tickets/7')
 * -> {id: '7'}; null when it does not match.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i += 1) {
    const part = p[i]!;
    const seg = s[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(seg);
      } catch {
        return null;
      }
    } else if (part !== seg) {
      return null;
    }
  }
  return params;
}

/** A same-origin path to go to after sign-in ("next"), or null for anything else. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(next)) return null;
  try {
    const url = new URL(next, 'https://origin.invalid');
    if (url.origin !== 'https://origin.invalid') return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren; replace?: boolean };

/** An <a> that navigates in the page (plain left click), and behaves as a link otherwise. */
export function Link(props: LinkProps) {
  const { href, replace, onClick, ...rest } = props;
  const handle = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') (onClick as (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => void)(event);
    if (event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = (rest as Record<string, unknown>).target;
    if (typeof target === 'string' && target !== '' && target !== '_self') return;
    event.preventDefault();
    navigate(href, { replace });
  };
  const active = route.value.path === href.split('?')[0];
  const ariaCurrent = (rest as Record<string, unknown>)['aria-current'] ?? (active ? 'page' : undefined);
  return createElement('a', { ...rest, href, onClick: handle, 'aria-current': ariaCurrent });
}
