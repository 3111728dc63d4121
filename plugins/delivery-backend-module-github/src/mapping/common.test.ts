import { idForComponent } from './common';

describe('idForComponent', () => {
  it('names the record and the component', () => {
    expect(
      idForComponent(
        'Codertocat/Hello-World/issues/1',
        'component:default/hello-world',
      ),
    ).toBe('Codertocat/Hello-World/issues/1@component:default/hello-world');
  });

  it('hashes an entity ref that would make the id too long', () => {
    const ref = `component:default/${'x'.repeat(200)}`;
    const id = idForComponent('acme/shop/issues/7', ref);
    expect(id).toMatch(/^acme\/shop\/issues\/7@[0-9a-f]{16}$/);
    expect(idForComponent('acme/shop/issues/7', ref)).toBe(id);
  });
});
