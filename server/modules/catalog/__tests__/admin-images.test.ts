import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { expect, it } from 'vitest'
import { ADMIN_TOKEN, describeEachDb } from '../../../test/helpers'
import { auditRows, multipart } from './admin-support'

describeEachDb('catalog admin: image upload', (ctx) => {
  async function upload(parts: Parameters<typeof multipart>[0], token = ADMIN_TOKEN) {
    const { payload, headers } = multipart(parts)
    const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/images', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
    return { status: res.statusCode, body: res.json() }
  }

  const png = () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } }).png().toBuffer()

  it('stores a real PNG under a random name with a thumbnail, both fetchable', async () => {
    const res = await upload([{ name: 'file', filename: 'photo.png', contentType: 'image/png', data: await png() }])
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ width: 800, height: 600 })
    expect(res.body.url).toMatch(/^\/api\/uploads\/[a-f0-9]{32}\.png$/)
    expect(res.body.thumbUrl).toMatch(/^\/api\/uploads\/[a-f0-9]{32}_400\.webp$/)

    const main = await ctx.app.inject({ method: 'GET', url: res.body.url })
    expect(main.statusCode).toBe(200)
    expect(main.headers['content-type']).toBe('image/png')
    expect(String(main.headers['cache-control'])).toMatch(/max-age=31536000/)
    expect((await sharp(main.rawPayload).metadata()).width).toBe(800)
    const thumb = await ctx.app.inject({ method: 'GET', url: res.body.thumbUrl })
    expect(thumb.statusCode).toBe(200)
    const t = await sharp(thumb.rawPayload).metadata()
    expect([t.format, t.width, t.height]).toEqual(['webp', 400, 300])

    const audit = await auditRows(ctx.t.db, 'image.upload')
    expect(audit.at(-1)).toMatchObject({ entity: 'image', actor_name: 'ADMIN_TOKEN', after: { url: res.body.url, thumbUrl: res.body.thumbUrl } })
  })

  it('re-encodes: the EXIF of the upload (camera, GPS) is not kept', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-owner', Make: 'SpyCam' } })
      .toBuffer()
    expect((await sharp(jpeg).metadata()).exif).toBeDefined()
    const res = await upload([{ name: 'file', filename: 'a.jpg', data: jpeg }])
    expect(res.status).toBe(201)
    expect(res.body.url).toMatch(/\.jpg$/)
    const stored = await ctx.app.inject({ method: 'GET', url: res.body.url })
    expect((await sharp(stored.rawPayload).metadata()).exif).toBeUndefined()
    expect(stored.rawPayload.includes(Buffer.from('secret-owner'))).toBe(false)
  })

  it('refuses a file over 5 MB with 413', async () => {
    const big = Buffer.concat([await png(), Buffer.alloc(6 * 1024 * 1024, 1)])
    const res = await upload([{ name: 'file', filename: 'big.png', contentType: 'image/png', data: big }])
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('FILE_TOO_LARGE')
  })

  it('refuses what is not a JPEG, PNG, WebP or GIF by content with 415, whatever its name', async () => {
    const text = await upload([{ name: 'file', filename: 'notes.png', contentType: 'image/png', data: 'just some text, not an image' }])
    expect(text.status).toBe(415)
    expect(text.body.code).toBe('BAD_IMAGE_TYPE')
    const svg = await upload([{ name: 'file', filename: 'x.png', contentType: 'image/png', data: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>' }])
    expect(svg.status).toBe(415)
    const svgNamed = await upload([{ name: 'file', filename: 'x.svg', contentType: 'image/svg+xml', data: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>' }])
    expect(svgNamed.status).toBe(415)
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).tiff().toBuffer()
    expect((await upload([{ name: 'file', filename: 'x.jpg', data: tiff }])).status).toBe(415)
    // A PNG signature followed by garbage: the header lies, the decoder finds out.
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage'.repeat(20))])
    expect((await upload([{ name: 'file', filename: 'x.png', data: fake }])).status).toBe(415)
  })

  it("never uses the client's filename in the stored path", async () => {
    const before = new Set(fs.readdirSync(ctx.app.uploadsDir))
    const res = await upload([{ name: 'file', filename: '../../etc/passwd', contentType: 'image/png', data: await png() }])
    expect(res.status).toBe(201)
    expect(res.body.url).toMatch(/^\/api\/uploads\/[a-f0-9]{32}\.png$/)
    const added = fs.readdirSync(ctx.app.uploadsDir).filter((f) => !before.has(f))
    expect(added.sort()).toEqual([path.basename(res.body.url), path.basename(res.body.thumbUrl)].sort())
    expect(fs.readdirSync(path.dirname(ctx.app.uploadsDir))).toEqual(['uploads'])
  })

  it('serves nothing outside the uploads folder, no dotfiles, no listing', async () => {
    const secret = path.join(path.dirname(ctx.app.uploadsDir), 'secret')
    fs.writeFileSync(secret, 'top secret')
    fs.writeFileSync(path.join(ctx.app.uploadsDir, '.hidden'), 'hidden')
    try {
      for (const url of ['/api/uploads/../secret', '/api/uploads/%2e%2e/secret', '/api/uploads/..%2fsecret', '/api/uploads/%2e%2e%2fsecret', '/api/uploads/.hidden', '/api/uploads/', '/api/uploads']) {
        const res = await ctx.app.inject({ method: 'GET', url })
        expect(res.statusCode, url).not.toBe(200)
        expect(res.body, url).not.toContain('top secret')
        expect(res.body, url).not.toContain('hidden')
      }
    } finally {
      fs.rmSync(secret, { force: true })
      fs.rmSync(path.join(ctx.app.uploadsDir, '.hidden'), { force: true })
    }
  })

  it('wants the admin token, a multipart body and the file field', async () => {
    expect((await upload([{ name: 'file', filename: 'a.png', data: await png() }], 'wrong')).status).toBe(401)
    const json = await ctx.app.inject({ method: 'POST', url: '/api/admin/images', payload: { file: 'x' }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(json.statusCode).toBe(400)
    const other = await upload([{ name: 'photo', filename: 'a.png', data: await png() }])
    expect(other.status).toBe(400)
    expect(other.body.field).toBe('file')
    // Only the upload route takes multipart: another admin route refuses it.
    const { payload, headers } = multipart([{ name: 'name', data: 'x' }])
    const cat = await ctx.app.inject({ method: 'POST', url: '/api/admin/categories', payload, headers: { ...headers, authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(cat.statusCode).toBe(415)
  })
})
