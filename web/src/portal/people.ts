// Names of the people on a ticket, as far as the customer may know them: its own organisation's
// users (a customer admin lists them; a requester sees only itself), otherwise "Support".
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api';
import { me, type User } from '../shared/session';

let cache: Promise<Map<number, User>> | null = null;

export function loadPeople(force = false): Promise<Map<number, User>> {
  if (!cache || force) {
    cache = api<{ items: User[] }>('GET', '/users')
      .then((page) => new Map(page.items.map((u) => [u.id, u])))
      .catch(() => {
        cache = null;
        const self = me.value;
        return new Map<number, User>(self ? [[self.id, self]] : []);
      });
  }
  return cache;
}

export function usePeople(): Map<number, User> {
  const [people, setPeople] = useState<Map<number, User>>(() => new Map());
  useEffect(() => {
    let live = true;
    void loadPeople().then((p) => live && setPeople(p));
    return () => {
      live = false;
    };
  }, []);
  return people;
}

let services: Promise<{ code: string; requirements: { fields: { name: string; label: string }[] } }[]> | null = null;

/** The labels of a service's ticket fields (subscription_id -> "Azure subscription ID"). */
export function useServiceLabels(code: string): Map<string, string> {
  const [labels, setLabels] = useState<Map<string, string>>(() => new Map());
  useEffect(() => {
    let live = true;
    if (!services) {
      services = api<{ items: { code: string; requirements: { fields: { name: string; label: string }[] } }[] }>('GET', '/services')
        .then((r) => r.items)
        .catch(() => {
          services = null;
          return [];
        });
    }
    void services.then((list) => {
      const s = list.find((x) => x.code === code);
      if (live && s) setLabels(new Map(s.requirements.fields.map((f) => [f.name, f.label])));
    });
    return () => {
      live = false;
    };
  }, [code]);
  return labels;
}
