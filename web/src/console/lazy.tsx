// Loads a page's code when it is first shown (dynamic import), so the queue and the ticket view
// do not carry the admin, billing and dashboard areas.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { Loading, Notice } from '../shared/ui';

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      pending ??= load().then((m) => (loaded = m.default));
      pending.then((c) => setComponent(() => c)).catch(() => {
        pending = null;
        setFailed(true);
      });
    }, []);
    if (failed) return <Notice kind="error">{t('console.lazy.failed')}</Notice>;
    if (!component) return <Loading />;
    const Component = component;
    return <Component {...props} />;
  };
}
