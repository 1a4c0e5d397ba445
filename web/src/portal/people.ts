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

interface ServiceJson {
  code: string;
  name: string;
  requirements: { fields: { name: string; label: string }[] };
}
/** A service's name and its fields' labels, for showing a ticket (its code and keys until loaded). */
export interface ServiceLabels {
  name: string;
  fields: Map<string, string>;
}
let services: Promise<ServiceJson[]> | null = null;

/** The labels of a service's ticket fields (subscription_id -> "Azure subscription ID"). */
export function useServiceLabels(code: string): ServiceLabels {
  const [labels, setLabels] = useState<ServiceLabels>(() => ({ name: code, fields: new Map() }));
  useEffect(() => {
    let live = true;
    if (!services) {
      services = api<{ items: ServiceJson[] }>('GET', '/services')
        .then((r) => r.items)
        .catch(() => {
          services = null;
          return [];
        });
    }
    void services.then((list) => {
      const s = list.find((x) => x.code === code);
      if (live && s) setLabels({ name: s.name || s.code, fields: new Map(s.requirements.fields.map((f) => [f.name, f.label])) });
    });
    return () => {
      live = false;
    };
  }, [code]);
  return labels;
}
